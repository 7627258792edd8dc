package org.cpe.decider.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.expression.ExpressionStrategy;
import com.hubspot.jinjava.mode.ExecutionMode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's {@code input}: a Jinja template (Jinjava) whose every {@code {{ expression }}} is written as JSON, as the
 * original's {@code finalize=json.dumps} did, so {@code {{__input__.client}}} inserts an object and
 * {@code {{__input__.name}}} a quoted string. A missing member renders as {@code null}.
 */
public final class InputTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UNKNOWN = Pattern.compile("Unknown token found: ([^\\s.\\[|(]+)");

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
     * The names the template uses that are not among {@code known}, found by rendering it with a stand-in for each
     * known name that has every member; other template errors (a syntax error) are thrown. Rendering stops at the first
     * expression that yields nothing, so each unknown name found gets a stand-in too and the template is rendered again
     * to find the next. An expression over a known name that yields nothing (a filter such as {@code first} applied to
     * a stand-in) is not an unknown name.
     */
    public Set<String> unknownNames(Set<String> known) throws TemplateException {
        Map<String, Object> variables = new HashMap<>();
        known.forEach(name -> variables.put(name, Anything.INSTANCE));
        Set<String> unknown = new TreeSet<>();
        while (true) {
            RenderResult result;
            try {
                result = CHECK.renderForResult(text, variables);
            } catch (RuntimeException e) {
                throw new TemplateException(String.valueOf(e.getMessage()));
            }
            String found = null;
            for (TemplateError error : result.getErrors()) {
                Matcher m = UNKNOWN.matcher(String.valueOf(error.getMessage()));
                if (m.find()) {
                    found = found == null ? m.group(1) : found;
                } else if (error.getSeverity() == ErrorType.FATAL
                        && error.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR) {
                    throw new TemplateException(describe(List.of(error)));
                }
            }
            if (found == null || known.contains(found) || !unknown.add(found)) {
                return unknown;
            }
            variables.put(found, Anything.INSTANCE);
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

    /** A value with every member, each itself; it renders as {}. */
    private static final class Anything extends AbstractMap<String, Object> {
        static final Anything INSTANCE = new Anything();

        @Override
        public Object get(Object key) {
            return this;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    /** A template that cannot be rendered, with Jinjava's reasons. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        public TemplateException(String message) {
            super(message);
        }
    }
}
