package dev.lockstep.scanner.report;

import static java.util.Objects.requireNonNull;

import dev.lockstep.analysis.finding.Finding;
import dev.lockstep.analysis.summary.Hop;
import dev.lockstep.analysis.summary.WaitChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A finding as every writer renders it: the rule's {@link Finding} (message and chains are the
 * rule's, never rebuilt here) plus what reports need around it.
 *
 * @param finding the rule's finding
 * @param severity {@code warning} or {@code error}
 * @param member the enclosing member ({@code com.example.Relay#sync})
 * @param snippet the loop's first line, whitespace-normalised
 * @param isNew false when a baseline already holds it
 */
public record ReportFinding(
    Finding finding, String severity, String member, String snippet, boolean isNew) {
  public ReportFinding {
    requireNonNull(finding, "finding");
    requireNonNull(severity, "severity");
    requireNonNull(member, "member");
    requireNonNull(snippet, "snippet");
  }

  public String check() {
    return finding.check();
  }

  public String file() {
    return finding.location().file();
  }

  public int line() {
    return finding.location().line();
  }

  /** The first (shortest reported) chain's hops: loop body first, the wait last. */
  public List<Hop> chain() {
    return finding.chains().isEmpty() ? List.of() : finding.chains().get(0).hops();
  }

  public List<WaitChain> chains() {
    return finding.chains();
  }

  /**
   * The baseline key and SARIF fingerprint: check, file, enclosing member and a hash of the
   * normalised snippet — never the line, so edits elsewhere in the file do not change it.
   */
  public String fingerprint() {
    return sha256(check() + "\n" + file() + "\n" + member + "\n" + snippet).substring(0, 32);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
