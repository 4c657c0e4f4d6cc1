package org.nefos.compute.domain;

/** The server's state as the backend knows it (Cyclades' operstate). */
public enum OperState {
    BUILD, STARTED, STOPPED, ERROR, DESTROYED
}
