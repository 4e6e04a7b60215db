package io.sbc.policy.model;

/** SRTP toward a trunk: off (RTP/AVP), optional (offer both), required (RTP/SAVP only). */
public enum SrtpMode { OFF, OPTIONAL, REQUIRED }
