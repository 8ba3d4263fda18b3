package io.netready.common.json;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/**
 * The JSON form of results and reports: protobuf's canonical JSON mapping (lowerCamelCase
 * names, enums by name), with every field printed so scripts never meet a missing zero.
 */
public final class ProtoJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().includingDefaultValueFields();
    private static final JsonFormat.Printer LINE_PRINTER = PRINTER.omittingInsignificantWhitespace();

    private ProtoJson() {
    }

    public static String print(MessageOrBuilder message) {
        return print(PRINTER, message);
    }

    /** On one line, for streams of messages (JSON Lines): one message per line. */
    public static String printLine(MessageOrBuilder message) {
        return print(LINE_PRINTER, message);
    }

    private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types fail, and the API has none.
            throw new IllegalStateException(e);
        }
    }
}
