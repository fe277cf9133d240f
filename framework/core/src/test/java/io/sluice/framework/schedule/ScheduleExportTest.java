package io.sluice.framework.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.metadata.DescriptorLoader;
import io.sluice.metadata.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleExportTest {

    private static Project project(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("descriptors"));
        StringBuilder yaml = new StringBuilder();
        for (String s : List.of("crm", "shop", "web")) {
            yaml.append("kind: source\nname: ").append(s).append("\nconnector: files\n---\n")
                    .append("kind: dataset\nname: ").append(s).append("_d\nsource: ").append(s)
                    .append("\nextract: { path: \"x/*.csv\" }\nschema:\n  - { name: id, type: long }\n---\n");
        }
        yaml.append("kind: refined\nname: joined\ninputs: [crm.d, shop.d]\nsql: SELECT 1 AS one\n");
        Files.writeString(dir.resolve("descriptors/all.yaml"), yaml.toString()
                .replace("inputs: [crm.d, shop.d]", "inputs: [crm.crm_d, shop.shop_d]")
                .replace("sql: SELECT 1 AS one", "sql: SELECT * FROM crm_d JOIN shop_d USING (id)"));
        return DescriptorLoader.load(dir, dir.resolve("descriptors"));
    }

    @Test
    void aRefinedDatasetFedByTwoSourcesIsBuiltByTheLastAfterTheOther(@TempDir Path dir) throws Exception {
        ScheduleExport export = new ScheduleExport(project(dir), "/opt/sluice/bin/sluice --project /opt/lake");
        assertThat(export.dependencies()).containsEntry("shop", Set.of("crm")).containsEntry("crm", Set.of())
                .containsEntry("web", Set.of());
    }

    @Test
    void theAirflowDagIsValidPythonWithOneTaskPerSource(@TempDir Path dir) throws Exception {
        String dag = new ScheduleExport(project(dir), "/opt/sluice/bin/sluice --project /opt/lake").airflow("lake", "@daily");
        assertThat(dag).contains("task_id=\"run_crm\"", "task_id=\"run_shop\"", "task_id=\"run_web\"",
                "run_crm >> run_shop", "--run-date {{ ds }}");
        Path file = dir.resolve("lake_dag.py");
        Files.writeString(file, dag);
        Process python = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor()).as(output).isZero();
    }

    @Test
    void theAdfPipelineIsWellFormedAndComplete(@TempDir Path dir) throws Exception {
        JsonNode pipeline = new ObjectMapper().readTree(new ScheduleExport(project(dir), "sluice")
                .adf("lake", "batch"));
        List<String> names = new ArrayList<>();
        pipeline.at("/properties/activities").forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).containsExactly("run_crm", "run_shop", "run_web");
        JsonNode shop = pipeline.at("/properties/activities/1");
        assertThat(shop.at("/dependsOn/0/activity").asText()).isEqualTo("run_crm");
        assertThat(shop.at("/typeProperties/command").asText())
                .isEqualTo("sluice run --source shop --run-date @{pipeline().parameters.runDate}");
    }
}
