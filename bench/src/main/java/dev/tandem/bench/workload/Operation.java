package dev.tandem.bench.workload;

/** The kinds of operation in the mixed workload, with their share in percent. */
enum Operation {
    POINT_READ(50),
    RANGE_READ(10),
    INSERT(15),
    UPDATE(20),
    DELETE(5);

    private final int percent;

    Operation(int percent) {
        this.percent = percent;
    }

    int percent() {
        return percent;
    }

    /** The operation for a draw in [0, 100). */
    static Operation forDraw(int draw) {
        int upTo = 0;
        for (Operation op : values()) {
            upTo += op.percent;
            if (draw < upTo) {
                return op;
            }
        }
        throw new IllegalArgumentException("draw out of range: " + draw);
    }

    /** A short description of the mix, for reports. */
    static String mix() {
        StringBuilder sb = new StringBuilder();
        for (Operation op : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(op.percent).append(" % ")
                    .append(op.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        return sb.toString();
    }
}
