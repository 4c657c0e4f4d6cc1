package org.nefos.gateway.occi;

/** A request the OCCI front end refuses, with the HTTP status and a readable message. */
public class OcciException extends RuntimeException {

    private final int status;

    public OcciException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
