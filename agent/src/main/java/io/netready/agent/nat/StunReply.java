package io.netready.agent.nat;

import io.netready.common.stun.ErrorCode;
import io.netready.common.stun.OtherAddress;
import io.netready.common.stun.StunClass;
import io.netready.common.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What came back for one STUN transaction: the parts NAT discovery reads, and where the datagram
 * came from (the address the NAT let in, which is what the filtering tests are about).
 *
 * @param mapped XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS) of a success response
 * @param otherAddress the server's OTHER-ADDRESS (RFC 5780 §7.4), if it sent one
 * @param errorCode the code of an error response, 0 for a success response or a request
 * @param rttMs from the last transmission to the arrival (Karn: the only unambiguous part)
 */
record StunReply(Optional<InetSocketAddress> mapped, InetSocketAddress from, Optional<InetSocketAddress> otherAddress,
                 int errorCode, double rttMs) {

    static StunReply of(StunMessage m, InetSocketAddress from, double rttMs) {
        int error = m.type().messageClass() == StunClass.ERROR_RESPONSE
                ? m.attribute(ErrorCode.class).map(ErrorCode::code).orElse(400) : 0;
        return new StunReply(error == 0 ? m.mappedAddress() : Optional.empty(), from,
                m.attribute(OtherAddress.class).map(OtherAddress::address), error, rttMs);
    }

    boolean isError() {
        return errorCode != 0;
    }
}
