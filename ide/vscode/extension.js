// Starts `java -jar lockstep-scanner.jar lsp` for Java files; see src/docs/editors.md.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("lockstep");
  const jar = config.get("jar");
  if (!jar) {
    vscode.window.showWarningMessage(
      "Lockstep: set lockstep.jar to the path of lockstep-scanner.jar.");
    return;
  }
  const serverOptions = {
    command: config.get("java") || "java",
    args: ["-jar", jar, "lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "java" }],
    initializationOptions: {
      maven: config.get("maven"),
      classpath: config.get("classpath"),
    },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.java"),
    },
  };
  client = new LanguageClient("lockstep", "Lockstep", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
