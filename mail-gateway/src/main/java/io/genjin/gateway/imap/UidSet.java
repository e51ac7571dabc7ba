package io.genjin.gateway.imap;

import java.util.List;

/** A UID list in IMAP sequence-set syntax, runs collapsed: 1,2,3,7,9,10 → "1:3,7,9:10". */
final class UidSet {
    private UidSet() {
    }

    static String of(List<Long> uids) {
        long[] sorted = uids.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < sorted.length; i++) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (set.length() > 0) {
                set.append(',');
            }
            set.append(sorted[i]);
            if (j > i) {
                set.append(':').append(sorted[j]);
            }
            i = j;
        }
        return set.toString();
    }
}
