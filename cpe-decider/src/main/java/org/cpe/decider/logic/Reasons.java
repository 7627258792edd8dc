package org.cpe.decider.logic;

/** The reason codes the decider itself gives a failed step or workflow. */
public final class Reasons {

    /** An activity failed without a reason of its own. */
    public static final String ACTIVITY_FAILED = "ACTIVITY_FAILED";
    /** The workflow input is not JSON or does not meet the plan's input_spec. */
    public static final String WORKFLOW_INPUT_INVALID = "WORKFLOW_INPUT_INVALID";
    /** A step's input template could not be rendered, or did not render JSON. */
    public static final String TEMPLATE_ERROR = "TEMPLATE_ERROR";
    /** A step's rendered input does not meet its activity's input_spec. */
    public static final String INPUT_INVALID = "INPUT_INVALID";
    /** A step's rendered input is longer than SWF allows. */
    public static final String INPUT_TOO_LARGE = "INPUT_TOO_LARGE";
    /** An activity completed with a result that is not JSON. */
    public static final String RESULT_INVALID = "RESULT_INVALID";
    /** The step was canceled with its workflow. */
    public static final String CANCELED = "CANCELED";
    /** The decision task's workflow type has no plan here. */
    public static final String NO_PLAN = "NO_PLAN";
    /** The decision logic failed on the workflow's history (a bug in CPE, logged with its stack trace). */
    public static final String DECIDER_ERROR = "DECIDER_ERROR";
    /** The workflow did not close within its execution start-to-close timeout. */
    public static final String WORKFLOW_TIMED_OUT = "WORKFLOW_TIMED_OUT";

    private Reasons() {}
}
