package io.sbc.media.relay;

import io.sbc.media.rtp.MosEstimator;

final class MosEstimatorReference {
    static final double NO_LOSS_MOS = MosEstimator.mos(0, 0, 0);

    private MosEstimatorReference() {
    }
}
