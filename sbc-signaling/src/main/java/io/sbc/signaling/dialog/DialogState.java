package io.sbc.signaling.dialog;

/** RFC 3261 §12: a dialog is early (created by a 1xx with a To tag) or confirmed (2xx), then ends. */
public enum DialogState { EARLY, CONFIRMED, TERMINATED }
