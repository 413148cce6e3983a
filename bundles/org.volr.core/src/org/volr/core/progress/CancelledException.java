package org.volr.core.progress;

/** Thrown by long-running work when its {@link Progress} reports that the user cancelled it. */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String task) {
        super(task == null || task.isEmpty() ? "cancelled" : task + ": cancelled");
    }
}
