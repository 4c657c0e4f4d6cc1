package org.nefos.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nefos.network.domain.Ipv6;

/** EUI-64 addresses from MACs in a /64, written in the RFC 5952 short form. */
class Ipv6Test {

    @Test
    void macBecomesModifiedEui64InterfaceIdWithTheUniversalBitFlipped() {
        assertEquals("2001:db8::a800:ff:fe12:3456", Ipv6.eui64("2001:db8::/64", "aa:00:00:12:34:56"));
        assertEquals("2001:db8:1:2:a800:1ff:fe02:304", Ipv6.eui64("2001:db8:1:2::/64", "aa:00:01:02:03:04"));
        // a universally administered MAC gets the bit set
        assertEquals("fd00::200:5eff:fe00:5301", Ipv6.eui64("fd00::/64", "00:00:5e:00:53:01"));
    }

    @Test
    void onlyTheLongestRunOfTwoOrMoreZeroGroupsIsShortened() {
        assertEquals("2001:db8:0:1:a800:ff:fe00:1", Ipv6.eui64("2001:db8:0:1::/64", "aa:00:00:00:00:01"));
        assertEquals("fe80::a800:ff:fe00:1", Ipv6.eui64("fe80::/64", "aa:00:00:00:00:01"));
    }

    @Test
    void missingOrMalformedInputsGiveNoAddress() {
        assertNull(Ipv6.eui64(null, "aa:00:00:00:00:01"));
        assertNull(Ipv6.eui64("2001:db8::/64", null));
        assertNull(Ipv6.eui64("2001:db8::/64", "aa:00:00"));
        assertNull(Ipv6.eui64("10.0.0.0/24", "aa:00:00:00:00:01"));
    }
}
