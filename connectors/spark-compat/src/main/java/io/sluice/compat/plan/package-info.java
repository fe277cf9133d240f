/** The shape of Catalyst's plans, asked in Sluice's terms. */
package io.sluice.compat.plan;
