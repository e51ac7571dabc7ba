package io.genjin.store.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An allow-listed network in CIDR notation ({@code 10.1.0.0/16}, {@code fd00:1::/64}); IP literals only, never a DNS name. */
record Network(byte[] address, int prefix) {

    static Network parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String ip = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!ip.matches("[0-9a-fA-F:.]+") || !ip.contains(".") && !ip.contains(":")) {
            throw new IllegalArgumentException("genjin.outbound.allowed-networks: not an IP network: " + text);
        }
        byte[] address;
        try {
            address = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("genjin.outbound.allowed-networks: not an IP network: " + text, e);
        }
        int prefix;
        try {
            prefix = slash < 0 ? address.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("genjin.outbound.allowed-networks: bad prefix in " + text, e);
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("genjin.outbound.allowed-networks: bad prefix in " + text);
        }
        return new Network(address, prefix);
    }

    boolean contains(byte[] ip) {
        if (ip.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((ip[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
