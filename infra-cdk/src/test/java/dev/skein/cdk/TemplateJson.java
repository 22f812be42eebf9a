package dev.skein.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.assertions.Template;

/** Reads a synthesized template as plain maps, for the checks the assertion matchers cannot say. */
final class TemplateJson {
    private final Map<String, Object> template;

    TemplateJson(Template template) {
        this.template = template.toJSON();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        Object section = template.get(name);
        return section == null ? Map.of() : (Map<String, Object>) section;
    }

    /** Logical ID → resource, for every resource of {@code type}. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        section("Resources").forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            if (type.equals(resource.get("Type"))) found.put(id, resource);
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = (Map<String, Object>) section("Resources").get(logicalId);
        if (resource == null) throw new AssertionError("no resource " + logicalId);
        return (Map<String, Object>) resource.get("Properties");
    }

    /**
     * Every permission the role's policies (inline and attached) grant, one line per action and
     * resource: {@code "Allow kinesis:PutRecords on SpanStream…"}, resources written short (see
     * {@link #render}).
     */
    @SuppressWarnings("unchecked")
    Set<String> grants(String roleLogicalId) {
        Set<String> grants = new TreeSet<>();
        for (Map<String, Object> policy : resources("AWS::IAM::Policy").values()) {
            Map<String, Object> props = (Map<String, Object>) policy.get("Properties");
            List<Object> roles = (List<Object>) props.get("Roles");
            if (roles.contains(Map.of("Ref", roleLogicalId))) {
                addStatements(grants, (Map<String, Object>) props.get("PolicyDocument"));
            }
        }
        Map<String, Object> role = properties(roleLogicalId);
        for (Object inline : (List<Object>) role.getOrDefault("Policies", List.of())) {
            addStatements(grants, (Map<String, Object>) ((Map<String, Object>) inline).get("PolicyDocument"));
        }
        return grants;
    }

    @SuppressWarnings("unchecked")
    private static void addStatements(Set<String> grants, Map<String, Object> document) {
        for (Object s : (List<Object>) document.get("Statement")) {
            Map<String, Object> statement = (Map<String, Object>) s;
            String condition = statement.containsKey("Condition") ? " if " + statement.get("Condition") : "";
            for (Object action : asList(statement.get("Action"))) {
                for (Object resource : asList(statement.get("Resource"))) {
                    grants.add(statement.get("Effect") + " " + action + " on " + render(resource) + condition);
                }
            }
        }
    }

    /**
     * A resource in a policy, short: {@code X} for {@code {"Fn::GetAtt": [X, "Arn"]}} or {@code
     * {"Ref": X}}, {@code X/suffix} for an ARN joined with a suffix, the JSON otherwise.
     */
    @SuppressWarnings("unchecked")
    static String render(Object resource) {
        if (resource instanceof Map<?, ?> map) {
            if (map.containsKey("Fn::GetAtt")) return (String) ((List<Object>) map.get("Fn::GetAtt")).get(0);
            if (map.containsKey("Ref")) return (String) map.get("Ref");
            if (map.containsKey("Fn::Join")) {
                List<Object> join = (List<Object>) map.get("Fn::Join");
                StringBuilder b = new StringBuilder();
                for (Object part : (List<Object>) join.get(1)) b.append(part instanceof String s ? s : render(part));
                return b.toString();
            }
        }
        return String.valueOf(resource);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of(value);
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }
}
