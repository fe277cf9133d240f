/** The {@code feed} connector: third-party deliveries (fixed-width, delimited with control records, Adobe data feeds). */
package io.sluice.connector.feed;
