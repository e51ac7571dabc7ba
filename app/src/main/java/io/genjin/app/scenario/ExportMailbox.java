package io.genjin.app.scenario;

/**
 * Generates one export salesperson's three months of mail (Li Lei at a Ningbo LED lighting
 * factory), with what each message must link to. Deterministic: the seed decides every choice and
 * no clock is read, so two runs give the same bytes and the same figures.
 */
public final class ExportMailbox {
    /** The seed the scenario test and the command use. */
    public static final long SEED = 20260302L;

    private ExportMailbox() {
    }

    public static Scenario generate() {
        return generate(SEED);
    }

    public static Scenario generate(long seed) {
        Recorder rec = new Recorder(seed);
        new CustomerThreads(rec).write();
        new PartyVariants(rec).write();
        new Forwards(rec).write();
        new Bounces(rec).write();
        new CustomerSystems(rec).write();
        new Automated(rec).write();
        new Prospects(rec).write();
        new InternalMail(rec).write();
        return new Scenario(Cast.OURS, Cast.REP.address(), Cast.team(), Cast.customers(), rec.messages());
    }
}
