import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step (pom.xml, profile {@code stack-maps}, JDK 24+: java.lang.classfile), run before the shaded jar is made:
 * the class files under the given package folders in the dependency jars that are older than Java 6 (class file
 * version < 50; picocli 4.7 is compiled for Java 5) are written into target/classes as version 50 files with stack maps, the same code otherwise; the shaded
 * jar takes the project's own classes first. The AOT cache (JDK 25 -XX:AOTCache) cannot hold such old classes ("Old
 * class has been linked"), so without this every command reads picocli's ~230 classes from the jar and verifies them
 * with the slow old verifier at each start. Each file keeps its entry's time, so the jar stays reproducible.
 * Only what a command line run loads needs it (picocli); other old classes (a few annotations) are left alone.
 *   java scripts/StackMapClassFiles.java target/classes picocli/ dependency.jar:other.jar:...
 */
public final class StackMapClassFiles {
    private static final int FIRST_WITH_STACK_MAPS = 50;

    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        String under = args[1];
        List<Path> jars = Stream.of(args[2].split(File.pathSeparator)).map(Path::of).filter(p -> p.toString().endsWith(".jar")).toList();
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        int rewritten = 0;
        try (var loader = new URLClassLoader(urls, null)) {
            // stack maps need the common superclass of two types: the JDK's own, then the dependencies' class files
            var classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                    .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            for (Path jar : jars) {
                try (var zip = new ZipFile(jar.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        Path target = classes.resolve(entry.getName());
                        if (!entry.getName().startsWith(under) || !entry.getName().endsWith(".class") || isTheProjects(target)) {
                            continue;
                        }
                        byte[] bytes;
                        try (var in = zip.getInputStream(entry)) {
                            bytes = in.readAllBytes();
                        }
                        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
                        if (major >= FIRST_WITH_STACK_MAPS) {
                            continue;
                        }
                        // rebuilding every method body is what makes the API compute the stack maps for the new version
                        byte[] modern = classFile.transformClass(classFile.parse(bytes),
                                ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL).andThen((builder, element) -> {
                                    if (element instanceof ClassFileVersion) {
                                        builder.withVersion(FIRST_WITH_STACK_MAPS, 0);
                                    } else {
                                        builder.with(element);
                                    }
                                }));
                        Files.createDirectories(target.getParent());
                        Files.write(target, modern);
                        Files.setLastModifiedTime(target, entry.getLastModifiedTime());
                        rewritten++;
                    }
                }
            }
        }
        System.out.println("StackMapClassFiles: " + rewritten + " class files older than Java 6 given stack maps in " + classes);
    }

    /**
     * Whether the project has a class of this name, which the shaded jar takes instead of the dependency's. A file an
     * earlier run of this step wrote (version 50: javac writes 65) is redone, so a dependency's new version replaces it.
     */
    private static boolean isTheProjects(Path target) throws IOException {
        if (!Files.exists(target)) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(target);
        return (((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff)) != FIRST_WITH_STACK_MAPS;
    }
}
