package io.genjin.gateway.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client networks allowed to open a dropbox session, as CIDR blocks ({@code 10.0.0.0/8},
 * {@code ::1/128}, or a bare address). No blocks means no restriction beyond the bind address.
 * Literal addresses only: a host name here would make every connection wait on DNS.
 */
final class ClientNetworks {
    private final List<Block> blocks;

    private ClientNetworks(List<Block> blocks) {
        this.blocks = blocks;
    }

    static ClientNetworks parse(List<String> cidrs) {
        return new ClientNetworks(cidrs.stream().map(Block::parse).toList());
    }

    boolean allows(InetAddress client) {
        return blocks.isEmpty() || blocks.stream().anyMatch(b -> b.contains(client));
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not a literal address in allowed-networks: " + cidr);
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in allowed-networks: " + cidr);
                }
                return new Block(bytes, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR block in allowed-networks: " + cidr, e);
            }
        }

        boolean contains(InetAddress client) {
            byte[] bytes = client.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
