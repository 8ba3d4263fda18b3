package io.netready.common.stun;

/**
 * A STUN attribute (RFC 8489 §14), one record per attribute type this package understands, and
 * {@link RawAttribute} for any other. MESSAGE-INTEGRITY and FINGERPRINT are not attributes of
 * this model: they are computed by {@link StunMessage.Builder} and checked by
 * {@link StunMessage}, because they depend on the bytes around them.
 *
 * <p>Adding an attribute type: write its record (with {@code TYPE}, a static {@code decode} and
 * {@code encodeValue}), permit it here and register it in {@code AttributeCodecs}.
 */
public sealed interface StunAttribute
        permits MappedAddress, XorMappedAddress, Username, Software, ErrorCode, UnknownAttributes,
                ChangeRequest, ResponsePort, Padding, ResponseOrigin, OtherAddress, RawAttribute {

    /** The 16-bit attribute type. */
    int type();
}
