// Apache Jena SHACL (Debian's libapache-jena-java) on many data files with one shapes file, in
// one JVM: writes each validation report as N-Triples to <out>/<data file name>.nt, or
// <out>/<data file name>.error with the message when Jena refuses the shapes or the data.
// Run by tests/shapes/test_jena_agreement.py, which compares the reports with pySHACL's.
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class JenaShacl {
    public static void main(String[] args) throws Exception {
        Graph shapesGraph = RDFDataMgr.loadGraph(args[0]);
        Shapes shapes = Shapes.parse(shapesGraph);
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path data = Paths.get(args[i]);
            String name = data.getFileName().toString();
            try {
                Graph dataGraph = RDFDataMgr.loadGraph(data.toString());
                ValidationReport report = ShaclValidator.get().validate(shapes, dataGraph);
                try (OutputStream stream = new FileOutputStream(out.resolve(name + ".nt").toFile())) {
                    RDFDataMgr.write(stream, report.getGraph(), Lang.NTRIPLES);
                }
            } catch (Exception e) {
                Files.write(out.resolve(name + ".error"),
                    String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
