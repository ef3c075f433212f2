package io.cascata.core.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the task index: every concrete class or record compiled in this module that implements
 * {@code io.cascata.core.Task}, so the command line finds task families without a hand-kept list;
 * and the index of config classes: every public record annotated
 * {@code io.cascata.core.settings.SettingsSection}, so their options and config keys exist
 * without a {@code SettingsProvider}. It claims no annotation and changes no code.
 */
@SupportedAnnotationTypes("*")
public final class TaskIndexProcessor extends AbstractProcessor {

    private static final String TASK = "io.cascata.core.Task";
    private static final String INDEX = "META-INF/cascata/tasks";
    private static final String SETTINGS = "io.cascata.core.settings.SettingsSection";
    private static final String SETTINGS_INDEX = "META-INF/cascata/settings";

    private final Set<String> found = new TreeSet<>();
    private final Set<String> settings = new TreeSet<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement task = processingEnv.getElementUtils().getTypeElement(TASK);
        if (task == null) {
            return false;
        }
        TypeMirror taskType = processingEnv.getTypeUtils().erasure(task.asType());
        for (Element root : round.getRootElements()) {
            collect(root, taskType);
        }
        if (round.processingOver()) {
            if (!found.isEmpty()) {
                write(INDEX, found);
            }
            if (!settings.isEmpty()) {
                write(SETTINGS_INDEX, settings);
            }
        }
        return false;
    }

    private void collect(Element element, TypeMirror taskType) {
        if (element instanceof TypeElement type) {
            boolean concrete = (type.getKind() == ElementKind.CLASS || type.getKind() == ElementKind.RECORD)
                    && !type.getModifiers().contains(Modifier.ABSTRACT);
            if (concrete && processingEnv.getTypeUtils().isAssignable(
                    processingEnv.getTypeUtils().erasure(type.asType()), taskType)) {
                found.add(processingEnv.getElementUtils().getBinaryName(type).toString());
            }
            if (type.getKind() == ElementKind.RECORD && type.getModifiers().contains(Modifier.PUBLIC)
                    && type.getAnnotationMirrors().stream().anyMatch(a ->
                    ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(SETTINGS))) {
                settings.add(processingEnv.getElementUtils().getBinaryName(type).toString());
            }
            for (Element enclosed : type.getEnclosedElements()) {
                collect(enclosed, taskType);
            }
        }
    }

    private void write(String index, Set<String> names) {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", index);
            try (Writer out = file.openWriter()) {
                for (String name : names) {
                    out.write(name);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + index + ": " + e);
        }
    }
}
