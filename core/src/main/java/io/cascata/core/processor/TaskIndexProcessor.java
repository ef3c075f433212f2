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
 * {@code io.cascata.core.Task}, so the command line finds task families without a hand-kept list.
 * It claims no annotation and changes no code.
 */
@SupportedAnnotationTypes("*")
public final class TaskIndexProcessor extends AbstractProcessor {

    private static final String TASK = "io.cascata.core.Task";
    private static final String INDEX = "META-INF/cascata/tasks";

    private final Set<String> found = new TreeSet<>();

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
        if (round.processingOver() && !found.isEmpty()) {
            write();
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
            for (Element enclosed : type.getEnclosedElements()) {
                collect(enclosed, taskType);
            }
        }
    }

    private void write() {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (Writer out = file.openWriter()) {
                for (String name : found) {
                    out.write(name);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + INDEX + ": " + e);
        }
    }
}
