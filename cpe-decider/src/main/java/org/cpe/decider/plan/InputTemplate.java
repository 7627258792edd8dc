package org.cpe.decider.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TreeParser;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import jinjava.de.odysseus.el.tree.IdentifierNode;
import jinjava.de.odysseus.el.tree.Tree;

/**
 * A step's {@code input}: a Jinja template (Jinjava) whose every {@code {{ expression }}} is written as JSON, as the
 * original's {@code finalize=json.dumps} did, so {@code {{__input__.client}}} inserts an object and
 * {@code {{__input__.name}}} a quoted string. A missing member renders as {@code null}.
 */
public final class InputTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes each expression's value as JSON instead of as text. */
    private static final ExpressionStrategy JSON_OUTPUT = new ExpressionStrategy() {
        private static final long serialVersionUID = 1L;

        @Override
        public RenderedOutputNode interpretOutput(ExpressionToken token, JinjavaInterpreter interpreter) {
            Object value = interpreter.resolveELExpression(token.getExpr(), token.getLineNumber());
            try {
                return new RenderedOutputNode(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "{{" + token.getExpr() + "}} is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    };

    private static final ExecutionMode JSON_MODE = new ExecutionMode() {
        @Override
        public void prepareContext(Context context) {
            context.setExpressionStrategy(JSON_OUTPUT);
        }
    };

    private static final Jinjava RENDER = new Jinjava(JinjavaConfig.newBuilder()
            .withExecutionMode(JSON_MODE)
            .withMaxOutputSize(1_000_000)
            .build());
    private static final Jinjava CHECK = new Jinjava(JinjavaConfig.newBuilder()
            .withExecutionMode(JSON_MODE)
            .withFailOnUnknownTokens(true)
            .build());

    /**
     * Copies of RENDER's global context (its filters, functions and tags), each used by one render at a time. Jinjava's
     * renderForResult builds such a copy for every call, which took nine tenths of a small template's render time. A
     * pool rather than a ThreadLocal, so that no copy outlives the application on a server's pooled threads.
     */
    private static final Queue<Context> RENDER_GLOBALS = new ConcurrentLinkedQueue<>();

    /** Parses expressions with Jinjava's syntax (filters, lists, ~, conditional expressions). */
    private static final ExtendedSyntaxBuilder EXPRESSIONS = new ExtendedSyntaxBuilder();

    private final String text;

    private InputTemplate(String text) {
        this.text = text;
    }

    public static InputTemplate of(String text) {
        return new InputTemplate(text);
    }

    public String text() {
        return text;
    }

    /**
     * Renders with {@code variables} (plain Java values: maps, lists, strings, numbers, booleans, null).
     *
     * @throws TemplateException with the template's errors
     */
    public String render(Map<String, Object> variables) throws TemplateException {
        RenderResult result;
        try {
            result = renderForResult(text, variables);
        } catch (RuntimeException e) {
            throw new TemplateException(String.valueOf(e.getMessage()));
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new TemplateException(describe(fatal));
        }
        return result.getOutput();
    }

    /** What {@link Jinjava#renderForResult} does, on this thread's copy of the global context. */
    private static RenderResult renderForResult(String text, Map<String, Object> variables) {
        JinjavaConfig config = RENDER.getGlobalConfig();
        Context polled = RENDER_GLOBALS.poll();
        Context globals = polled == null ? RENDER.getGlobalContextCopy() : polled;
        Context context = new Context(globals, variables, config.getDisabled());
        JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(RENDER, context, config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(text);
            return new RenderResult(output, interpreter.getContext(), interpreter.getErrorsCopy());
        } catch (TemplateSyntaxException e) {
            return new RenderResult(
                    TemplateError.fromException(e), interpreter.getContext(), interpreter.getErrorsCopy());
        } finally {
            JinjavaInterpreter.popCurrent();
            globals.reset();
            RENDER_GLOBALS.offer(globals);
        }
    }

    /**
     * The names the template uses that are not among {@code known}: every variable of every expression, in every
     * branch, whether or not it would be evaluated, read from the parsed template (Jinjava's own parser and its
     * expression trees) rather than by rendering it. Names a template binds itself ({@code for x in ...},
     * {@code set x = ...}, and {@code loop}) count as known. A syntax error is thrown.
     */
    public Set<String> unknownNames(Set<String> known) throws TemplateException {
        JinjavaInterpreter interpreter = CHECK.newInterpreter();
        Node root;
        try {
            root = new TreeParser(interpreter, text).buildTree();
        } catch (RuntimeException e) {
            throw new TemplateException(String.valueOf(e.getMessage()));
        }
        List<TemplateError> syntax = interpreter.getErrorsCopy().stream()
                .filter(e -> e.getSeverity() == ErrorType.FATAL)
                .toList();
        if (!syntax.isEmpty()) {
            throw new TemplateException(describe(syntax));
        }
        Set<String> used = new TreeSet<>();
        Set<String> bound = new HashSet<>(Set.of("loop"));
        collectNames(root, used, bound);
        used.removeAll(known);
        used.removeAll(bound);
        return used;
    }

    private static void collectNames(Node node, Set<String> used, Set<String> bound) throws TemplateException {
        if (node instanceof ExpressionNode expression) {
            namesOf(((ExpressionToken) expression.getMaster()).getExpr(), used);
        } else if (node instanceof TagNode tag) {
            tagNames(tag.getName(), tag.getHelpers().trim(), used, bound);
        }
        for (Node child : node.getChildren()) {
            collectNames(child, used, bound);
        }
    }

    /** The names a tag's own text uses and binds; tags that take no expression add nothing. */
    private static void tagNames(String tag, String helpers, Set<String> used, Set<String> bound)
            throws TemplateException {
        switch (tag) {
            case "if", "elif", "elseif", "unless", "print", "do" -> namesOf(helpers, used);
            case "for" -> {
                int in = helpers.indexOf(" in ");
                if (in < 0) {
                    throw new TemplateException("{% for " + helpers + " %} has no 'in'");
                }
                bind(helpers.substring(0, in), bound);
                namesOf(helpers.substring(in + 4), used);
            }
            case "set" -> {
                int equals = helpers.indexOf('=');
                bind(equals < 0 ? helpers : helpers.substring(0, equals), bound);
                if (equals >= 0) {
                    namesOf(helpers.substring(equals + 1), used);
                }
            }
            default -> {
                // else, end tags, raw, comments and the like take no expression.
            }
        }
    }

    private static void bind(String names, Set<String> bound) {
        for (String name : names.split(",")) {
            bound.add(name.trim());
        }
    }

    /** The variables an expression reads: its identifiers, without Jinjava's filters and internals. */
    private static void namesOf(String expression, Set<String> used) throws TemplateException {
        Tree tree;
        try {
            tree = EXPRESSIONS.build("#{" + expression + "}");
        } catch (RuntimeException e) {
            throw new TemplateException("'" + expression.trim() + "' is not a valid expression: " + e.getMessage());
        }
        for (IdentifierNode identifier : tree.getIdentifierNodes()) {
            String name = identifier.getName();
            if (name.startsWith("filter:")) {
                String filter = name.substring("filter:".length());
                if (RENDER.getGlobalContext().getFilter(filter) == null) {
                    throw new TemplateException("'" + expression.trim() + "' uses the unknown filter '" + filter + "'");
                }
            } else if (!name.contains(":") && !name.startsWith("____")) {
                used.add(name);
            }
        }
    }

    private static String describe(List<TemplateError> errors) {
        StringBuilder s = new StringBuilder();
        for (TemplateError error : errors) {
            if (!s.isEmpty()) {
                s.append("; ");
            }
            s.append(error.getMessage());
            if (error.getLineno() > 0) {
                s.append(" (line ").append(error.getLineno()).append(')');
            }
        }
        return s.toString();
    }

    /** A template that cannot be rendered, with Jinjava's reasons. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        public TemplateException(String message) {
            super(message);
        }
    }
}
