package io.genjin.reports.rfm;

/**
 * The eight RFM segments Chinese sales teams use (重要价值客户 …): each of recency, frequency and
 * monetary value is high or low against the team's median, and the three together name the
 * segment and what to do about it.
 */
public enum Segment {
    /** 重要价值客户: recent, frequent, high value. */
    IMPORTANT_VALUE(true, true, true),
    /** 重要发展客户: recent and high value, but orders seldom: grow the frequency. */
    IMPORTANT_DEVELOP(true, false, true),
    /** 重要保持客户: frequent and high value, but not lately: keep them. */
    IMPORTANT_RETAIN(false, true, true),
    /** 重要挽留客户: high value, but neither recent nor frequent: win them back. */
    IMPORTANT_WIN_BACK(false, false, true),
    /** 一般价值客户: recent and frequent, low value. */
    GENERAL_VALUE(true, true, false),
    /** 一般发展客户: recent, low frequency and value (often new). */
    GENERAL_DEVELOP(true, false, false),
    /** 一般保持客户: frequent once, low value, not lately. */
    GENERAL_RETAIN(false, true, false),
    /** 一般挽留客户: low on all three. */
    GENERAL_WIN_BACK(false, false, false);

    private final boolean recent;
    private final boolean frequent;
    private final boolean valuable;

    Segment(boolean recent, boolean frequent, boolean valuable) {
        this.recent = recent;
        this.frequent = frequent;
        this.valuable = valuable;
    }

    public static Segment of(boolean recent, boolean frequent, boolean valuable) {
        for (Segment segment : values()) {
            if (segment.recent == recent && segment.frequent == frequent && segment.valuable == valuable) {
                return segment;
            }
        }
        throw new AssertionError("all eight combinations are named");
    }
}
