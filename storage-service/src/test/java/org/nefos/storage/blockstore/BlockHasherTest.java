package org.nefos.storage.blockstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The spec's §4.2/§4.3 test vectors. */
class BlockHasherTest {

    static final int BS = 4194304;
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    final BlockHasher h = new BlockHasher("sha256");

    @Test
    void emptyAndAllZeroBlocksHashLikeTheEmptyString() {
        assertEquals(EMPTY, h.blockHash(new byte[0]));
        assertEquals(EMPTY, h.blockHash(new byte[10]));
        assertEquals(EMPTY, h.emptyHash());
        assertEquals(EMPTY, h.topHash(List.of()));
        assertEquals(EMPTY, h.topHash(List.of(EMPTY)));
    }

    @Test
    void trailingZerosAreStripped() {
        assertEquals("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", h.blockHash("a".getBytes()));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                h.blockHash(new byte[] {'a', 'b', 'c', 0, 0}));
    }

    @Test
    void twoBlockMerkleRoot() {
        byte[] a = new byte[BS];
        Arrays.fill(a, (byte) 'a');
        String b0 = h.blockHash(a);
        String b1 = h.blockHash("b".getBytes());
        assertEquals("299285fc41a44cdb038b9fdaf494c76ca9d0c866672b2b266c1a0c17dda60a05", b0);
        assertEquals("3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d", b1);
        assertEquals("565546ad93383e225e7cf808fb4d527a54dec54826a5c34a24c1f19a03c62583", h.topHash(List.of(b0, b1)));
    }

    @Test
    void threeBlocksArePaddedToFour() {
        byte[] a = new byte[BS];
        Arrays.fill(a, (byte) 'a');
        String b0 = h.blockHash(a);
        String c = h.blockHash("c".getBytes());
        assertEquals("2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6", c);
        assertEquals("e66f335518f91d9f0e3ea2272f690bf0892beeaad782495c501bbef70bffb7ed",
                h.topHash(List.of(b0, b0, c)));
    }

    @Test
    void validatesHexHashes() {
        assertTrue(h.isValidHash(EMPTY));
        assertFalse(h.isValidHash("xyz"));
        assertFalse(h.isValidHash(EMPTY.replace('e', 'g')));
    }
}
