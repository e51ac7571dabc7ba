/**
 * The Outlook add-in's REST API, its manifest and task-pane pages: the sender's customer card,
 * one-click log / task / set stage, and "send as tracked quote". Not built yet: this module will own that.
 */
package io.genjin.outlook;
