package org.snn4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for numeric options with a range, so that a value that is not a number and a number out of range get
 * the same message: {@code --threads 0}, {@code -3} and {@code abc} all print
 * {@code invalid value for option '--threads': expected an integer >= 1, got '0'} (with the value given).
 * Use as {@code @Option(names = "--threads", converter = Ranges.AtLeastOne.class)}.
 */
public final class Ranges {
    private Ranges() {
    }

    /** An {@code int} &gt;= 1. */
    public static final class AtLeastOne implements ITypeConverter<Integer> {
        /** Creates the converter. */
        public AtLeastOne() {
        }

        @Override
        public Integer convert(String value) {
            return atLeast(value, 1);
        }
    }

    /** An {@code int} &gt;= 0. */
    public static final class AtLeastZero implements ITypeConverter<Integer> {
        /** Creates the converter. */
        public AtLeastZero() {
        }

        @Override
        public Integer convert(String value) {
            return atLeast(value, 0);
        }
    }

    /** A finite {@code float} &gt; 0. */
    public static final class PositiveFloat implements ITypeConverter<Float> {
        /** Creates the converter. */
        public PositiveFloat() {
        }

        @Override
        public Float convert(String value) {
            try {
                float f = Float.parseFloat(value.trim());
                if (f > 0f && Float.isFinite(f)) {
                    return f;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("expected a number > 0, got '" + value + "'");
        }
    }

    /**
     * Parses {@code value} as an {@code int} of at least {@code min}.
     *
     * @throws TypeConversionException {@code "expected an integer >= min, got 'value'"}
     */
    static int atLeast(String value, int min) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("expected an integer >= " + min + ", got '" + value + "'");
    }
}
