package io.netready.collector.stun;

import io.netready.common.stun.ChangeRequest;

/**
 * One of the STUN server's sockets (RFC 5780 §6.1): on the primary or the alternate address, on
 * the primary or the alternate port. With one address only the two primary-address sockets exist.
 */
public record StunSocket(boolean alternateAddress, boolean alternatePort) {

    public static final StunSocket PRIMARY = new StunSocket(false, false);

    /** The socket a response leaves from when the request arrived here (RFC 5780 §6.1, Table 1). */
    StunSocket changedBy(ChangeRequest change) {
        return new StunSocket(alternateAddress ^ change.changeIp(), alternatePort ^ change.changePort());
    }

    /** The socket that differs in both address and port: OTHER-ADDRESS (RFC 5780 §7.4, Table 1 "Ca:Cp"). */
    StunSocket other() {
        return new StunSocket(!alternateAddress, !alternatePort);
    }
}
