package org.nefos.storage.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BlockBuffersTest {

    @Test
    void neverMoreBuffersThanTheCapacityAndWaitersServedInOrder() {
        BlockBuffers buffers = new BlockBuffers(16, 2);
        List<byte[]> got = new ArrayList<>();
        buffers.acquire(got::add);
        buffers.acquire(got::add);
        assertEquals(2, got.size());
        byte[][] third = new byte[1][], fourth = new byte[1][];
        buffers.acquire(b -> third[0] = b);
        buffers.acquire(b -> fourth[0] = b);
        assertNull(third[0], "over capacity: waits");
        assertEquals(2, buffers.waiting());
        assertEquals(2, buffers.allocated());

        buffers.release(got.get(1));
        assertSame(got.get(1), third[0], "the longest waiter gets the released buffer");
        assertNull(fourth[0]);
        buffers.release(got.get(0));
        assertSame(got.get(0), fourth[0]);
        assertEquals(0, buffers.waiting());

        buffers.release(third[0]);
        byte[][] again = new byte[1][];
        buffers.acquire(b -> again[0] = b);
        assertSame(third[0], again[0], "a free buffer is reused, none allocated");
        assertEquals(2, buffers.allocated());
        assertEquals(16, again[0].length);
    }
}
