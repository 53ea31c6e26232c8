package dev.idem.adapter.langchain4j;

/** A byte count for a message: {@code 16 MiB}, {@code 512 KiB} or {@code 300 bytes}. */
final class ByteSize {

    private ByteSize() {
    }

    /** The count in the largest binary unit that divides it, else in bytes. */
    static String describe(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
