package io.genjin.store.user;

import io.genjin.store.Ids;
import io.genjin.store.KeyIndex;
import io.genjin.store.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Users and teams. */
public class Users {
    private final MongoOperations mongo;
    private final Clock clock;
    /**
     * Non-null on the embedded store only ({@link KeyIndex}): linking asks "is this a user?" for every
     * participant of every message, and most are not; then no round trip is made.
     */
    private final KeyIndex byAddress;
    /** Bumped by every write through this object, so readers of all users know when to look again. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public Users(MongoOperations mongo, Clock clock) {
        this(mongo, clock, false);
    }

    public Users(MongoOperations mongo, Clock clock, boolean indexInProcess) {
        this.mongo = mongo;
        this.clock = clock;
        this.byAddress = indexInProcess ? new KeyIndex(mongo, mongo.getCollectionName(User.class), "addresses",
                a -> a.trim().toLowerCase(Locale.ROOT)) : null;
    }

    public User create(String name, List<String> addresses, Role role, String teamId, String managerId, String locale) {
        User user = new User(Ids.newId(), name, addresses, role, teamId, managerId, locale, clock.instant());
        indexed(user);
        return mongo.insert(user);
    }

    /**
     * Inserts a user with an id chosen by the caller; false when that id exists already. Lets
     * several replicas starting at once agree on one first admin without a transaction.
     */
    public boolean createIfAbsent(User user) {
        try {
            indexed(user);
            mongo.insert(user);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException exists) {
            return false;
        }
    }

    public User save(User user) {
        indexed(user);
        return mongo.save(user);
    }

    private void indexed(User user) {
        changes.incrementAndGet();
        if (byAddress != null && user.id() != null && user.addresses() != null) {
            byAddress.add(user.id(), user.addresses());
        }
    }

    /** Sets or clears the user's deactivation; false when there is no such user. */
    public boolean setDeactivated(String id, Instant at) {
        changes.incrementAndGet();
        Update update = at == null
                ? new Update().unset("deactivatedAt")
                : Update.update("deactivatedAt", at);
        return mongo.updateFirst(Query.query(Criteria.where("id").is(id)), update, User.class).getMatchedCount() > 0;
    }

    public Team renameTeam(String id, String name) {
        Team team = team(id).orElseThrow(() -> new NotFound("team", id));
        return mongo.save(new Team(team.id(), name, team.managerId(), team.createdAt()));
    }

    public Team createTeam(String name, String managerId) {
        return mongo.insert(new Team(Ids.newId(), name, managerId, clock.instant()));
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(id).map(i -> mongo.findById(i, Team.class));
    }

    public List<Team> teams() {
        return mongo.findAll(Team.class);
    }

    public Optional<User> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, User.class));
    }

    public User get(String id) {
        return find(id).orElseThrow(() -> new NotFound("user", id));
    }

    /**
     * The user who sends from this address. Every message asks it (the dropbox of its sender, linking
     * of its parties), so the user is read without the mapping ({@link io.genjin.store.StoredRecords}).
     */
    public Optional<User> byAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        org.bson.Document filter = new org.bson.Document();
        if (!io.genjin.store.KeyIndex.narrow(byAddress, address, filter)) {
            return Optional.empty();
        }
        filter.append("addresses", address.trim().toLowerCase(Locale.ROOT));
        return io.genjin.store.StoredRecords.find(mongo, User.class, filter, null, 1).stream().findFirst();
    }

    public List<User> inTeam(String teamId) {
        if (teamId == null) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("teamId").is(teamId)).with(Sort.by("name")), User.class);
    }

    /** Users whose manager link points at this user. */
    public List<User> reportsOf(String managerId) {
        return mongo.find(Query.query(Criteria.where("managerId").is(managerId)), User.class);
    }

    public List<User> byIds(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("id").in(ids)), User.class);
    }

    public List<User> all() {
        return mongo.find(new Query().with(Sort.by("name")), User.class);
    }

    /** How long a {@link #directory()} serves before it is read again (users written by another process). */
    static final long DIRECTORY_NANOS = 2_000_000_000L;
    private volatile Directory directory;

    /**
     * Every user, and by address, for what is asked for each message or round (the dropbox's sender, each
     * party linking weighs, the reports' sides): read again after a write of a user through this object,
     * else when it is {@link #DIRECTORY_NANOS} old, so a user written by another process is known within
     * two seconds.
     */
    public Directory directory() {
        Directory known = directory;
        long now = System.nanoTime();
        long changes = changeCount();
        if (known != null && known.changes() == changes && now - known.readAt() < DIRECTORY_NANOS) {
            return known;
        }
        known = Directory.of(all(), changes, now);
        directory = known;
        return known;
    }

    /** The users as read at one moment ({@link #all()}'s order), and by each of their addresses as stored. */
    public record Directory(List<User> all, java.util.Map<String, User> users, long changes, long readAt) {
        static Directory of(List<User> all, long changes, long readAt) {
            java.util.Map<String, User> byAddress = new java.util.HashMap<>();
            for (User user : all) {
                if (user.addresses() != null) {
                    user.addresses().forEach(address -> byAddress.putIfAbsent(address, user));
                }
            }
            return new Directory(List.copyOf(all), java.util.Map.copyOf(byAddress), changes, readAt);
        }

        /** The user with this address, as {@link Users#byAddress} finds it (trimmed, lower case). */
        public Optional<User> byAddress(String address) {
            return address == null ? Optional.empty() : Optional.ofNullable(users.get(address.trim().toLowerCase(Locale.ROOT)));
        }
    }

    /** How many users were written through this object; a cache of {@link #all()} compares it. */
    public long changeCount() {
        return changes.get();
    }

    public boolean anyAdmin() {
        return mongo.exists(Query.query(Criteria.where("role").is(Role.ADMIN)), User.class);
    }
}
