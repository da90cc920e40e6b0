package dev.lockstep.scanner;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON schemas the reports are validated against: the official OASIS SARIF 2.1.0 schema
 * (vendored in {@code src/test/resources/schemas/}, see the README there) and our own schema of
 * {@code --format json} (shipped in the jar beside the writers). Each schema names its own draft
 * ({@code $schema}); the default dialect only covers a schema that does not.
 */
final class ReportSchemas {
  /** The {@code id} of the vendored SARIF schema: the URI a log names in {@code $schema}. */
  static final String SARIF_ID = id("/schemas/sarif-schema-2.1.0.json");

  static final Schema SARIF = load("/schemas/sarif-schema-2.1.0.json");

  /** reviewdog's rdjson and GitLab's Code Quality format, written from their specifications. */
  static final Schema RDJSON = load("/schemas/rdjson.schema.json");

  static final Schema CODECLIMATE = load("/schemas/codeclimate.schema.json");
  static final Schema LOCKSTEP_JSON =
      load("/dev/lockstep/scanner/report/lockstep-report.schema.json");

  private ReportSchemas() {}

  private static Schema load(String resource) {
    try (InputStream in = ReportSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + resource);
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String id(String resource) {
    try (InputStream in = ReportSchemas.class.getResourceAsStream(resource)) {
      return com.google.gson.JsonParser.parseString(
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .getAsJsonObject()
          .get("id")
          .getAsString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the schema rejects in {@code json}, one line per error; empty when it validates. */
  static List<String> errors(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }
}
