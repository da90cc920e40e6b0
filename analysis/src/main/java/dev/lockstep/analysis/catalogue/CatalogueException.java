package dev.lockstep.analysis.catalogue;

/** A catalogue file that cannot be read or parsed; the message names the file and the line. */
public final class CatalogueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogueException(String message) {
    super(message);
  }

  public CatalogueException(String message, Throwable cause) {
    super(message, cause);
  }
}
