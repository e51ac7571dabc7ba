/**
 * Manager reports computed from mailbox data, defined in docs/reports.md. Built so far: reporting
 * periods in a team's zone, working hours, and first-response times. Planned: per-rep activity,
 * quote open rate, funnel by stage, RFM and churn-risk lists, dashboards, Excel exports and imports.
 */
package io.genjin.reports;
