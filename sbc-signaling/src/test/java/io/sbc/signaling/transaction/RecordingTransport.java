package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport seam of the transaction tests: records what the layer sends and when (virtual time),
 * and can fail the next sends synchronously or keep the listener to fail them later.
 */
final class RecordingTransport implements TransactionTransport {

    record Sent(long atMillis, SipMessage message, Destination destination, TransportErrorListener listener) {
        boolean isRequest() {
            return message.isRequest();
        }

        String method() {
            return ((SipRequest) message).method();
        }

        int status() {
            return ((SipResponse) message).statusCode();
        }
    }

    private final VirtualScheduler clock;
    final List<Sent> sent = new ArrayList<>();
    int failNextSends;

    RecordingTransport(VirtualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public void send(SipMessage message, Destination destination, TransportErrorListener errorListener) {
        sent.add(new Sent(clock.nowMillis(), message, destination, errorListener));
        if (failNextSends > 0) {
            failNextSends--;
            errorListener.transportError("connection refused");
        }
    }

    List<Long> sendTimes() {
        List<Long> times = new ArrayList<>();
        for (Sent s : sent) {
            times.add(s.atMillis());
        }
        return times;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    int count() {
        return sent.size();
    }

    void clear() {
        sent.clear();
    }
}
