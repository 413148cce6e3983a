package org.volr.core.progress;

/**
 * How long-running work (reading data, training, simulating) reports how far it is and learns that the user
 * wants it stopped. Implementations: {@link #NONE}, {@link ConsoleProgress}; the IDE adapts its own monitor.
 */
public interface Progress {

    /** Reports nothing and is never cancelled. */
    Progress NONE = cancelledBy(() -> false);

    /** Reports nothing; cancelled when {@code cancelled} says so (work inside a task whose own bar is elsewhere). */
    static Progress cancelledBy(java.util.function.BooleanSupplier cancelled) {
        return new Progress() {
            @Override
            public void begin(String task, long total) {
            }

            @Override
            public void advance(long n) {
            }

            @Override
            public void done() {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** Starts a task of {@code total} units; {@code total <= 0} means the amount is unknown. */
    void begin(String task, long total);

    /** Reports that {@code n} more units are finished. */
    void advance(long n);

    /** Ends the current task. */
    void done();

    boolean isCancelled();

    /** Lets work loops stop with one call per iteration. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException(null);
        }
    }
}
