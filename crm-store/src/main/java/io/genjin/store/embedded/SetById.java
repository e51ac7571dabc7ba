package io.genjin.store.embedded;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A {@code $set} of fields of one document named by its {@code _id} (a user's day of mail in the reports,
 * written for every round of the listeners: the user, the day and one more message's side among
 * thousands), answered as mongo-java-server's update answers it, without the stock update's work around
 * it: that deep-copies the stored document, deep-copies it again to apply the update, then normalises
 * both whole documents into further copies to compare them. On a busy server that was about a tenth of
 * the processor, for one small change to a large document.
 *
 * <p>Here the stored document, read through the {@code _id} index, and every document nested in it are
 * never changed: the new version is a shallow copy, with a shallow copy of each nested document on a
 * path set, so what the update does not touch is shared between the two versions (nothing changes a
 * stored value in place). Each path follows the stock rule: a value equal to the stored one (numbers by
 * value, null and missing alike) changes nothing unless the field is absent, and an absent or null
 * document on the way becomes one holding the rest of the path. The index checks and the write are the
 * stock update's. Anything else (other operators, a path naming {@code _id}, an array position or an
 * operator, a path through a list or another value, two paths one inside the other, no stored document
 * matching the whole filter, so an upsert or no match) is left to the stock update, errors included.
 */
final class SetById {
    private static final String ID = ReplaceById.ID;

    private record Change(String[] path, Object value) {
    }

    private SetById() {
    }

    /** The update's answer ({@code n}, {@code nModified}), or null to leave the update to the stock code. */
    static Document apply(ReplaceById.Store store, Document selector, Document update) {
        Object id = selector.get(ID);
        if (!(id instanceof String || id instanceof ObjectId) || update.size() != 1
                || !(update.get("$set") instanceof Document set) || set.isEmpty()) {
            return null;
        }
        List<String[]> paths = new ArrayList<>(set.size());
        for (String key : set.keySet()) {
            String[] path = key.split("\\.", -1);
            if (!plain(path) || paths.stream().anyMatch(other -> within(path, other) || within(other, path))) {
                return null;
            }
            paths.add(path);
        }
        Index<Object> byId = ReplaceById.idIndex(store.indexes());
        Object position = byId == null ? null : byId.getPosition(new Document(ID, id));
        Document stored = position == null ? null : store.stored(position);
        // The stock update refuses a document with a top-level field named like an operator, whatever it sets.
        if (stored == null || !store.matches(stored, selector) || stored.keySet().stream().anyMatch(key -> key.startsWith("$"))) {
            return null;
        }
        // Decided on the stored document alone: no path lies inside another, so a path set before another
        // at most creates a document on the other's way, where the stored one had none.
        List<Change> changes = new ArrayList<>(paths.size());
        Object[] values = set.values().toArray();
        for (int i = 0; i < values.length; i++) {
            String[] path = paths.get(i);
            Object holder = holder(stored, path);
            if (holder == null) {
                return null;
            }
            Object old = holder instanceof Document h ? h.getOrMissing(path[path.length - 1]) : Missing.getInstance();
            boolean unchanged = ReplaceById.same(values[i], old) && !(old instanceof Missing && !(values[i] instanceof Missing));
            if (!unchanged) {
                changes.add(new Change(path, values[i]));
            }
        }
        // Each change leaves a value unequal to the stored one, or a field where there was none, and no
        // other change touches its path: the versions differ, compared as the stock update compares them
        // (numbers by value, null and missing alike, but a document's fields by name), so it is modified.
        if (!changes.isEmpty()) {
            ReplaceById.write(store, position, stored, write(stored, changes));
        }
        Document answer = new Document("n", 1);
        answer.put("nModified", changes.isEmpty() ? 0 : 1);
        return answer;
    }

    /** No {@code _id}, no empty name, no operator, no array position: what the stock update treats otherwise. */
    private static boolean plain(String[] path) {
        return !path[0].equals(ID) && Arrays.stream(path).noneMatch(segment -> segment.isEmpty()
                || segment.startsWith("$") || segment.chars().allMatch(Character::isDigit));
    }

    private static boolean within(String[] path, String[] outer) {
        return path.length > outer.length && Arrays.equals(path, 0, outer.length, outer, 0, outer.length);
    }

    /**
     * The stored document holding the path's last field; Missing below an absent or null field (the stock
     * update puts a document there); null through a list or another value, which the stock update treats.
     */
    private static Object holder(Document document, String[] path) {
        Object holder = document;
        for (int i = 0; i < path.length - 1 && holder instanceof Document h; i++) {
            holder = h.getOrMissing(path[i]);
        }
        if (holder instanceof Document) {
            return holder;
        }
        return Missing.isNullOrMissing(holder) ? Missing.getInstance() : null;
    }

    /**
     * The new version: each nested document on a path copied once, in its parent's copy, and each value put
     * where the stock update puts it (a field it had in its place, a new one last).
     */
    private static Document write(Document stored, List<Change> changes) {
        Document after = new Document(stored);
        Set<Document> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Change change : changes) {
            Document holder = after;
            String[] path = change.path();
            for (int i = 0; i < path.length - 1; i++) {
                Object next = holder.get(path[i]);
                if (next instanceof Document own && copies.contains(own)) {
                    holder = own;
                } else {
                    Document copy = next instanceof Document shared ? new Document(shared) : new Document();
                    holder.put(path[i], copy);
                    copies.add(copy);
                    holder = copy;
                }
            }
            holder.put(path[path.length - 1], change.value());
        }
        return after;
    }
}
