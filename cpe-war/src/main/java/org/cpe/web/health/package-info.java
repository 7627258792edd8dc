/**
 * MicroProfile Health checks, one small class per probe, each a thin reading of the roles' state through
 * {@link org.cpe.lifecycle.RoleHealth}: startup, liveness and readiness.
 */
package org.cpe.web.health;
