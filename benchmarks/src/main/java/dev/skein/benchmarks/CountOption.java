package dev.skein.benchmarks;

/** The one parser of the command lines' whole-number options (IngestReport's and the query harness's). */
public final class CountOption {
    private CountOption() {}

    /**
     * {@code value} as a whole number of at least {@code min}, or an exception whose message names
     * the option, the floor and the value given.
     */
    public static int parse(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least " + min
                + ", got '" + value + "'");
    }
}
