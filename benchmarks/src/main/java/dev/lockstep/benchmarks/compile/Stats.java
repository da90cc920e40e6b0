package dev.lockstep.benchmarks.compile;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The statistics of a handful of timings: median, mean, standard deviation, a 95 % confidence
 * interval of the mean (Student's t), and a bootstrap interval for the ratio of two medians.
 */
public final class Stats {
  /** Student's t, two-sided 95 %, for 1..30 degrees of freedom; 1.96 beyond. */
  private static final double[] T95 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  private static final int BOOTSTRAP_RESAMPLES = 10_000;

  private Stats() {}

  /**
   * A summary of samples.
   *
   * @param n how many
   * @param median the median
   * @param mean the mean
   * @param stddev the sample standard deviation (0 for one sample)
   * @param ciLow the low end of the 95 % interval of the mean (the mean itself for one sample)
   * @param ciHigh the high end of that interval
   */
  public record Summary(
      int n, double median, double mean, double stddev, double ciLow, double ciHigh) {}

  /**
   * A ratio of medians with its bootstrap 95 % interval.
   *
   * @param ratio median of the numerator's samples over median of the denominator's
   * @param low 2.5th percentile of the resampled ratios
   * @param high 97.5th percentile of the resampled ratios
   */
  public record Ratio(double ratio, double low, double high) {}

  /** Summarizes {@code samples}, which must not be empty. */
  public static Summary summarize(List<Double> samples) {
    double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double mean = Arrays.stream(values).average().orElseThrow();
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    int n = values.length;
    double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    double halfWidth = n > 1 ? t95(n - 1) * stddev / Math.sqrt(n) : 0;
    return new Summary(n, median(values), mean, stddev, mean - halfWidth, mean + halfWidth);
  }

  /**
   * median(numerator) / median(denominator), with an interval from resampling each side with
   * replacement ({@value #BOOTSTRAP_RESAMPLES} times, fixed seed: the same data give the same
   * interval). With one sample per side the interval is the ratio itself.
   */
  public static Ratio ratioOfMedians(List<Double> numerator, List<Double> denominator) {
    double[] top = numerator.stream().mapToDouble(Double::doubleValue).toArray();
    double[] bottom = denominator.stream().mapToDouble(Double::doubleValue).toArray();
    double ratio = median(top) / median(bottom);
    SplittableRandom random = new SplittableRandom(20_260_101L);
    double[] ratios = new double[BOOTSTRAP_RESAMPLES];
    double[] topSample = new double[top.length];
    double[] bottomSample = new double[bottom.length];
    for (int i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
      for (int j = 0; j < top.length; j++) {
        topSample[j] = top[random.nextInt(top.length)];
      }
      for (int j = 0; j < bottom.length; j++) {
        bottomSample[j] = bottom[random.nextInt(bottom.length)];
      }
      ratios[i] = median(topSample) / median(bottomSample);
    }
    Arrays.sort(ratios);
    return new Ratio(
        ratio,
        ratios[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))],
        ratios[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))]);
  }

  /**
   * The median of {@code samples} with a bootstrap 95 % interval (resampled {@value
   * #BOOTSTRAP_RESAMPLES} times with replacement, fixed seed), as a {@link Ratio} when the samples
   * are themselves ratios.
   */
  public static Ratio medianOf(List<Double> samples) {
    double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
    SplittableRandom random = new SplittableRandom(20_260_101L);
    double[] medians = new double[BOOTSTRAP_RESAMPLES];
    double[] sample = new double[values.length];
    for (int i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
      for (int j = 0; j < values.length; j++) {
        sample[j] = values[random.nextInt(values.length)];
      }
      medians[i] = median(sample);
    }
    Arrays.sort(medians);
    return new Ratio(
        median(values),
        medians[(int) Math.floor(0.025 * (BOOTSTRAP_RESAMPLES - 1))],
        medians[(int) Math.ceil(0.975 * (BOOTSTRAP_RESAMPLES - 1))]);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double t95(int degreesOfFreedom) {
    return degreesOfFreedom <= T95.length ? T95[degreesOfFreedom - 1] : 1.96;
  }
}
