package dev.berth.apply;

/** A deploy that could not start or had to stop; the running deployment is untouched unless said. */
public class DeployException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
