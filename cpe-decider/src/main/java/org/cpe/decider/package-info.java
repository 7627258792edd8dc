/** CPE's decider logic: plans ({@code plan}), the decision function ({@code logic}) and client notices ({@code notify}). */
package org.cpe.decider;
