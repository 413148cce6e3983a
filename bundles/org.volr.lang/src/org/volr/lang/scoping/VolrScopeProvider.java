package org.volr.lang.scoping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.FilteringScope;
import org.volr.model.Let;
import org.volr.model.VolrPackage;

/**
 * Names as in the Volr thesis: a {@code let x = e in e'} binding is visible only inside {@code e'}, inner bindings
 * shadow outer ones, and networks are visible everywhere (in this file and, through the index, in others).
 */
public class VolrScopeProvider extends AbstractVolrScopeProvider {

	@Override
	public IScope getScope(EObject context, EReference reference) {
		IScope scope = super.getScope(context, reference);
		if (reference != VolrPackage.Literals.NET_REF__TARGET)
			return scope;
		// The default scope also lists let bindings by name everywhere; keep only networks from it.
		scope = new FilteringScope(scope, d -> VolrPackage.Literals.NETWORK.isSuperTypeOf(d.getEClass()));
		List<Let> enclosing = new ArrayList<>();
		EObject child = context;
		for (EObject parent = context.eContainer(); parent != null; child = parent, parent = parent.eContainer())
			if (parent instanceof Let let && let.getBody() == child)
				enclosing.add(let);
		Collections.reverse(enclosing); // outermost first, so the innermost binding ends up in front
		for (Let let : enclosing)
			scope = Scopes.scopeFor(List.of(let), scope);
		return scope;
	}
}
