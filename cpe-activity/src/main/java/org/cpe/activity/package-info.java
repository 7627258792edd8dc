/**
 * The activity SPI: what an activity implementation compiles against. An implementation is a CDI bean that
 * implements {@link org.cpe.activity.Activity} and carries {@link org.cpe.activity.ActivityType}; the ActivityPoller
 * role discovers it, registers its type with SWF, polls its task list and hands it each task with an
 * {@link org.cpe.activity.ActivityContext}.
 */
package org.cpe.activity;
