/**
 * Manager reports computed from mailbox data (per-rep activity, first-response time, quote open
 * rate, funnel by stage, RFM and churn-risk lists), dashboards, Excel exports and imports.
 * Not built yet: this module will own that.
 */
package io.genjin.reports;
