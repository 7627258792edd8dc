/**
 * Execution plans: the original CPE YAML format (name, version, timeouts, input_spec, activities, steps) plus retry
 * policies, parsed and validated into immutable objects. A plan that loads is one the decision logic can run.
 */
package org.cpe.decider.plan;
