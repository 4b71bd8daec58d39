/**
 * Internal helpers (argument checks, decay tables); not part of the public API and may change without notice.
 */
package org.snn4j.internal;
