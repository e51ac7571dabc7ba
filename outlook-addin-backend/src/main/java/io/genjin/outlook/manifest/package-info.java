/**
 * The add-in's XML manifest, rendered from the settings; served by the app at
 * {@code /addin/manifest.xml} and written for admins by {@code genjin addin-manifest}.
 */
package io.genjin.outlook.manifest;
