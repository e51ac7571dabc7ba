/**
 * Open-pixel and click-redirect endpoints with HMAC-signed tokens, classification of every hit as
 * human or machine (Apple MPP, SafeLinks, scanners), and the intent signals that follow (a quote
 * opened twice by a human, a tracked link clicked). Not built yet: this module will own that.
 */
package io.genjin.tracking;
