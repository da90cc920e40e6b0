package test;
final class Limits {
  static final int PER_TENANT = 1;
  private Limits() {}
}
